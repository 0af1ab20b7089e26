-- The unit a recipient belongs to (the initiative's unit, or the organization that proposed them), so that the unit is
-- told of the commendation in its inbox.
ALTER TABLE commendation_recipients ADD COLUMN organization_id uuid NULL;
