-- Make what pandoc read from a document one that its CommonMark + GFM writer writes back as the
-- document was: the site reads the result with a CommonMark + GFM parser, and pandoc's writer
-- does not guard against everything a word processor or an HTML page can hold.
--
-- Word processors split text into runs of formatting: `**le****vote**` or `** **` would show
-- their stars, so empty runs go, blanks move out of them and neighbouring runs of one style
-- merge. A line break at the edge of a paragraph or a run is a literal `\` in CommonMark, and a
-- line that starts like a list, a setext underline or a rule would end its paragraph or become
-- one: such lines have their first character escaped, and so has text like `&amp;`.
-- Underline, small capitals, superscript and subscript have no Markdown form (pandoc writes
-- `^(er)` or turns underline into italics): their text stays, plain. An empty list item can
-- turn the item before it into a heading, an empty heading is announced by screen readers: both
-- go. A checked or unchecked box at the start of a list item becomes a task list item. Raw HTML
-- in a Markdown source is read as HTML, so that `<br>` stays a line break and no text is lost.
-- Lists of a word processor (metadata `greffier-word-processor`) are tight, as it shows them:
-- it has no loose lists. Footnotes, which CommonMark lacks, are numbered and listed at the end.
--
-- It runs before `pipe_tables.lua`, which then flattens table cells already mended.

local STYLED = { Strong = true, Emph = true, Strikeout = true }
local PLAIN = { Underline = true, SmallCaps = true, Superscript = true, Subscript = true }
local HOLDERS = { Link = true, Span = true, Quoted = true, Cite = true }
local BOXES = { ["☒"] = "☒", ["☑"] = "☒", ["☐"] = "☐" }
local SPACE = { Space = true, SoftBreak = true }
local BLANK = { Space = true, SoftBreak = true, LineBreak = true }

local function is_blank(inline)
  return BLANK[inline.t] ~= nil
end

local runs

local function add_styled(out, styled)
  -- Blanks at the edges of the run go outside it; the run joins an equal one before it.
  local content = runs(styled.content)
  local first, last = 1, #content
  while first <= last and is_blank(content[first]) do
    out:insert(content[first])
    first = first + 1
  end
  while last >= first and is_blank(content[last]) do
    last = last - 1
  end
  if first <= last then
    local inner = pandoc.Inlines({})
    for index = first, last do
      inner:insert(content[index])
    end
    local previous, before = out[#out], out[#out - 1]
    if previous ~= nil and previous.t == styled.t then
      previous.content = runs(previous.content:extend(inner))
    elseif previous ~= nil and previous.t == "Space" and before and before.t == styled.t then
      out:remove()
      local joined = before.content
      joined:insert(pandoc.Space())
      before.content = runs(joined:extend(inner))
    else
      styled.content = inner
      out:insert(styled)
    end
  end
  for index = last + 1, #content do
    out:insert(content[index])
  end
end

runs = function(inlines)
  local out = pandoc.Inlines({})
  for _, inline in ipairs(inlines) do
    if PLAIN[inline.t] then
      out:extend(runs(inline.content))
    elseif STYLED[inline.t] then
      add_styled(out, inline)
    elseif HOLDERS[inline.t] then
      inline.content = runs(inline.content)
      out:insert(inline)
    else
      out:insert(inline)
    end
  end
  return out
end

local function escaped_line_start(inline)
  -- The inlines that write the text of `inline` so that, at the start of a line, it cannot
  -- begin a list, a setext underline or a thematic break (pandoc escapes some, not `---`).
  if inline.t ~= "Str" then
    return { inline }
  end
  local marker, rest = inline.text:match("^(%d+[.)])(.*)$")
  if marker == nil then
    marker, rest = inline.text:match("^([-+=_])(.*)$")
  end
  if marker == nil then
    return { inline }
  end
  -- A backslash before the marker's last character: `\-`, `1\.`.
  local escaped = pandoc.RawInline("gfm", marker:sub(1, -2) .. "\\" .. marker:sub(-1))
  return { escaped, rest ~= "" and pandoc.Str(rest) or nil }
end

local function after_breaks(inlines)
  local out = pandoc.Inlines({})
  for index, inline in ipairs(inlines) do
    if index > 1 and inlines[index - 1].t == "LineBreak" then
      out:extend(escaped_line_start(inline))
    else
      out:insert(inline)
    end
  end
  return out
end

local function lines(inlines)
  -- No break or blank at either end, no blank after a break, and lines that stay lines (a
  -- break inside a run of bold starts a line too).
  local kept = pandoc.Inlines({})
  for _, inline in ipairs(runs(inlines)) do
    local line_start = #kept == 0 or kept[#kept].t == "LineBreak"
    if not ((line_start and SPACE[inline.t]) or (#kept == 0 and is_blank(inline))) then
      kept:insert(inline)
    end
  end
  while #kept > 0 and is_blank(kept[#kept]) do
    kept:remove()
  end
  kept = after_breaks(kept):walk({ Inlines = after_breaks })
  local out = pandoc.Inlines(kept[1] and escaped_line_start(kept[1]) or {})
  for index = 2, #kept do
    out:insert(kept[index])
  end
  return out
end

local function references_kept(str)
  -- `&amp;` or `&#233;` written as text would be read as the character it names.
  if not str.text:find("&[#%w]+;") then
    return nil
  end
  local out = pandoc.Inlines({})
  for before, reference in str.text:gmatch("([^&]*)(&?[^&]*)") do
    if before ~= "" then
      out:insert(pandoc.Str(before))
    end
    if reference:match("^&[#%w]+;") then
      out:insert(pandoc.RawInline("gfm", "\\&"))
      reference = reference:sub(2)
    end
    if reference ~= "" then
      out:insert(pandoc.Str(reference))
    end
  end
  return out
end

local function has_text(inlines)
  -- Word processors leave empty anchors (`Span`) and no-break spaces where nothing is shown.
  local shown = false
  inlines:walk({ Image = function() shown = true end })
  local text = pandoc.utils.stringify(inlines):gsub("\u{a0}", "")
  return shown or text:match("%S") ~= nil
end

local function paragraph(block)
  block.content = lines(block.content)
  if not has_text(block.content) then
    return {}
  end
  return block
end

local function heading(block)
  -- A heading is one line: ATX headings cannot hold a break.
  block.content = lines(block.content:walk({ LineBreak = function() return pandoc.Space() end }))
  if not has_text(block.content) then
    return {}
  end
  return block
end

local function raw_inline(raw)
  if raw.format ~= "html" then
    return nil
  end
  return pandoc.utils.blocks_to_inlines(pandoc.read(raw.text, "html").blocks)
end

local function raw_block(raw)
  if raw.format ~= "html" then
    return nil
  end
  return pandoc.read(raw.text, "html").blocks
end

local function task(item)
  -- `☒ fait`, `☒fait` or `☒` and a no-break space: the box alone, then a space, as pandoc's
  -- writer needs to write `[x] fait`.
  local first = item[1]
  if first == nil or (first.t ~= "Plain" and first.t ~= "Para") then
    return
  end
  local start = first.content[1]
  if start == nil or start.t ~= "Str" then
    return
  end
  for box, written in pairs(BOXES) do
    if start.text:sub(1, #box) == box then
      local rest = start.text:sub(#box + 1):gsub("^\u{a0}+", "")
      local inlines = pandoc.Inlines({ pandoc.Str(written), pandoc.Space() })
      if rest ~= "" then
        inlines:insert(pandoc.Str(rest))
      end
      for index = 2, #first.content do
        inlines:insert(first.content[index])
      end
      first.content = inlines
      return
    end
  end
end

local function tight(item)
  -- One paragraph and the lists under it: the way a word processor shows every list item.
  local paragraphs = 0
  for _, block in ipairs(item) do
    if block.t == "Para" then
      paragraphs = paragraphs + 1
    elseif block.t ~= "BulletList" and block.t ~= "OrderedList" then
      return item
    end
  end
  if paragraphs == 1 and item[1].t == "Para" then
    item[1] = pandoc.Plain(item[1].content)
  end
  return item
end

local function list_filter(word_processor)
  local function list(block)
    local items = pandoc.List({})
    for _, item in ipairs(block.content) do
      -- Empty paragraphs, and lists left empty, are gone by now: so is all of an empty item.
      if #item > 0 then
        task(item)
        items:insert(word_processor and tight(item) or item)
      end
    end
    if #items == 0 then
      return {}
    end
    block.content = items
    return block
  end
  return { BulletList = list, OrderedList = list }
end

local function notes_at_the_end(doc)
  -- CommonMark has no footnotes (`[^1]: …` would even read as a link definition and vanish):
  -- each note becomes its number in brackets, and the notes a numbered list after a rule, the
  -- way pandoc shows them in HTML.
  local notes = pandoc.List({})
  doc = doc:walk({
    Note = function(note)
      notes:insert(note.content)
      return pandoc.Str("[" .. #notes .. "]")
    end,
  })
  if #notes > 0 then
    doc.blocks:insert(pandoc.HorizontalRule())
    doc.blocks:insert(pandoc.OrderedList(notes))
  end
  return doc
end

function Pandoc(doc)
  local word_processor = doc.meta["greffier-word-processor"] == true
  doc.meta["greffier-word-processor"] = nil
  return notes_at_the_end(doc)
    :walk({ RawInline = raw_inline, RawBlock = raw_block })
    :walk({ Para = paragraph, Plain = paragraph, Header = heading })
    :walk(list_filter(word_processor))
    :walk({ Str = references_kept })
end
