"""Tests for guide_builder.scripture."""
