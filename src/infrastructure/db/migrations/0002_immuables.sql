-- Le journal d'audit et les instantanés figés ne se modifient ni ne s'effacent.
CREATE FUNCTION refuser_modification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'la table % est en ajout seul : ni modification ni suppression', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER journal_audit_ajout_seul BEFORE UPDATE OR DELETE ON journal_audit FOR EACH ROW EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
CREATE TRIGGER instantane_ajout_seul BEFORE UPDATE OR DELETE ON instantane FOR EACH ROW EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
-- session_replication_role = replica (import) ne doit pas ouvrir de brèche : les déclencheurs restent actifs.
ALTER TABLE journal_audit ENABLE ALWAYS TRIGGER journal_audit_ajout_seul;
--> statement-breakpoint
ALTER TABLE instantane ENABLE ALWAYS TRIGGER instantane_ajout_seul;
--> statement-breakpoint
CREATE TRIGGER journal_audit_pas_de_vidage BEFORE TRUNCATE ON journal_audit FOR EACH STATEMENT EXECUTE FUNCTION refuser_modification();
--> statement-breakpoint
CREATE TRIGGER instantane_pas_de_vidage BEFORE TRUNCATE ON instantane FOR EACH STATEMENT EXECUTE FUNCTION refuser_modification();
