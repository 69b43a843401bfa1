"""Finish stage: PDF bytes from the renderer -> finished artifacts (booklet, per-week files).

pypdf is imported only in this package.
Every function takes and returns bytes, touches no file, and gives the same output bytes
for the same input bytes. Import the module you need (booklet, split, printshop,
metadata): the package imports nothing itself, so a plain build does not load
pypdf.
"""
