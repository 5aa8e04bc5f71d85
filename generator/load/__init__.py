"""Load: process folders read and validated into typed models, every problem at its file line."""

from generator.load.corpus import load_corpus

__all__ = ["load_corpus"]
