"""Risk model: matches and supplier facts in, a level, a 0-100 score and checkable reasons out.

Pure: no I/O. `knowledge.build_risk_knowledge` is built once per set of list snapshots and
host-risk data; `assess.assess_risk` is then called per supplier.
"""
