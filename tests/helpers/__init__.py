"""Helpers the test suites share (not tests): PDF read-backs, the PDF/UA judge, guides written in
other scripts. tests/ is on the import path (pytest puts the root conftest's folder there), so a
test in any folder imports them as `helpers.<module>`."""
