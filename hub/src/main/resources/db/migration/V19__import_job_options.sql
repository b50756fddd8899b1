-- The options an import ran with (docs/import.md): crmPush=false (customers written without announcing them to the
-- CRM) is shown on the job, not only in the audit log, so whoever reads the job later knows why the CRM did not
-- receive those customers.
alter table import_job add column crm_push boolean default true not null;
