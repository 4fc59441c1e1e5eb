"""Analyses across articles: one happening reported by many outlets (clusters), officials'
dated careers (registry), and where a decision was taken up (documents).

Pure logic lives here; every SQL statement is in store (section "Insight").
`store.save_extraction` calls `clusters.assign` and `registry.update` in the same
transaction as the rows they read, so the analyses stay current as articles arrive;
`vnpolicy insight --rebuild` recomputes them from scratch.
"""
