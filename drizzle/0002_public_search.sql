-- Full-text index of the public projects (rowid = public_projects.id), written by
-- src/lib/server/public/index-projects.ts with ø/æ/ß… already spelled out; the tokenizer
-- folds case and the other diacritics. Contentless: the text lives in public_projects.
-- prefix='2 3' keeps short prefix searches ("sk*") from scanning the whole term list.
CREATE VIRTUAL TABLE `public_search` USING fts5(
	title, owner, partners, summary, regions,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3'
);
--> statement-breakpoint
-- Relevance: a hit in the title counts most, then the owner, partners and regions, then the summary.
INSERT INTO `public_search` (`public_search`, `rank`) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 1.0, 2.0)');
--> statement-breakpoint
-- A project row removed any way (withdrawal, a cascade from its record) takes its search row with it.
CREATE TRIGGER `public_projects_search_delete` AFTER DELETE ON `public_projects` BEGIN
	DELETE FROM `public_search` WHERE rowid = old.id;
END;
