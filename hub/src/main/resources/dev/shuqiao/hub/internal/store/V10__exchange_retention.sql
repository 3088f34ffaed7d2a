-- Finished exchanges are purged after the hub's exchange retention (docs/exchange.md §6): by age of last change.
CREATE INDEX exchange_updated ON exchange (updated_at);
