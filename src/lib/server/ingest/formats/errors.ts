import { ingestProblemText, type IngestProblem } from '../../../i18n/ingest-messages';

/**
 * A file that cannot become a document. `problem` says why, for a page to word in its reader's
 * language; the message is its English words (the CLI's, the API's), shown after the file's name.
 */
export class UnreadableDocumentError extends Error {
	constructor(readonly problem: IngestProblem) {
		super(ingestProblemText('en', problem));
	}
}
