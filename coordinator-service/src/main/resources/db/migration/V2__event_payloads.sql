-- A phase service's answer as it came (results carry no personal data): what the run report is made from.
ALTER TABLE run_event ADD COLUMN payload jsonb;
