-- Door staff: an account that can check tickets in and nothing else. Admins grant and take
-- back the role (`account.role` in the audit log, about the account's email).
alter table account drop constraint account_role_check;
alter table account add constraint account_role_check check (role in ('customer', 'admin', 'door'));

alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check check (action in (
    'event.create', 'event.edit', 'event.delete', 'event.refund_policy', 'event.limits',
    'event.release_holds', 'discrepancy.resolve', 'refund.request', 'refund.cancel', 'account.role'
));
alter table audit_log drop constraint audit_log_about_check;
alter table audit_log add constraint audit_log_about_check check (
    (action like 'event.%' and event_id is not null)
    or (action in ('discrepancy.resolve', 'refund.request', 'refund.cancel', 'account.role')
        and subject is not null)
);

-- The staff page says since when each has their role: the newest `account.role` entry about
-- them.
create index audit_log_subject_idx on audit_log (subject, created_at) where subject is not null;
