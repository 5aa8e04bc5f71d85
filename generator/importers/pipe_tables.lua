-- Make every table one that Markdown pipe tables can hold, so pandoc never writes "[TABLE]".
--
-- A pipe table cell is one line of text, and a pipe table always has a header row. Word
-- processors allow more: several paragraphs or a list in a cell (joined here with "; "), merged
-- cells (split here, the text kept in the first cell), tables without a header row (the first
-- row becomes the header, which is what it nearly always is in minutes). Footnotes are already
-- out of the cells: `faithful.lua` runs first.

local SEPARATOR = { pandoc.Str(";"), pandoc.Space() }

local function without_lists(blocks)
  -- Each list item becomes blocks of its own, so that the separator comes between items.
  local flat = pandoc.Blocks({})
  for _, block in ipairs(blocks) do
    if block.t == "BulletList" or block.t == "OrderedList" then
      for _, item in ipairs(block.content) do
        flat:extend(without_lists(item))
      end
    else
      flat:insert(block)
    end
  end
  return flat
end

local function one_line(cell)
  local inlines = pandoc.utils.blocks_to_inlines(without_lists(cell.contents), SEPARATOR)
  inlines = inlines:walk({ LineBreak = function() return pandoc.Space() end })
  cell.contents = { pandoc.Plain(inlines) }
  return cell
end

local function unmerged(rows)
  -- pending[column] = how many more rows a cell merged downwards still covers
  local pending = {}
  for _, row in ipairs(rows) do
    local cells = pandoc.List()
    local column = 1
    local function fill_pending()
      while (pending[column] or 0) > 0 do
        pending[column] = pending[column] - 1
        cells:insert(pandoc.Cell({}))
        column = column + 1
      end
    end
    for _, cell in ipairs(row.cells) do
      fill_pending()
      local across, down = cell.col_span, cell.row_span
      cell.col_span, cell.row_span = 1, 1
      cells:insert(one_line(cell))
      for offset = 0, across - 1 do
        pending[column + offset] = down - 1
        if offset > 0 then cells:insert(pandoc.Cell({})) end
      end
      column = column + across
    end
    fill_pending()
    row.cells = cells
  end
  return rows
end

function Table(table)
  table.head.rows = unmerged(table.head.rows)
  for _, body in ipairs(table.bodies) do
    body.head = unmerged(body.head)
    body.body = unmerged(body.body)
  end
  table.foot.rows = unmerged(table.foot.rows)
  local first = table.bodies[1]
  if #table.head.rows == 0 and first ~= nil and #first.body > 0 then
    table.head.rows = { first.body:remove(1) }
  end
  return table
end
