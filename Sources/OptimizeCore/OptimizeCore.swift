/// The version of optimize, recorded in every ledger it writes.
public let toolVersion = "0.1.0"
