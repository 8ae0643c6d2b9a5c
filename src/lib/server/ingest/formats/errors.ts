/** A file that cannot become a document; the message is shown to the person as is, after the file's name. */
export class UnreadableDocumentError extends Error {}
