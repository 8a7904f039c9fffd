-- The language a person chose with the switcher while signed in (issue 19): their pages are in
-- it on any device, whatever the browser says. Null: no choice made (the browser's languages
-- decide).
alter table account add column locale text check (locale in ('en', 'fr', 'de', 'es', 'pt', 'ja', 'pl'));
