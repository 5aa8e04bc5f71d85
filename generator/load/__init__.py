"""Load: process folders read and validated into typed models, every problem at its file line."""

from .corpus import load_corpus
from .today import Basis, Today, build_today

__all__ = ["Basis", "Today", "build_today", "load_corpus"]
