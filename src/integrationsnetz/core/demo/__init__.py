"""Demo data of core: the regions of Saxony the source documents name, and the shared vocabularies.

The data lives in CSV files beside this module (see README.md there); :mod:`.loader` reads them.
"""
