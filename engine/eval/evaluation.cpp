// stub: not written yet
