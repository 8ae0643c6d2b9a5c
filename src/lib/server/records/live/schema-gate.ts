/** Refuses a client's update the record's schema or the sender's rights do not allow (record-schema.ts), before any of it is applied. */
import type { DocExtension } from '../../docs/extension';
import { checkRecordUpdate } from './record-schema';

export const schemaGate: DocExtension = {
	name: 'record schema',
	beforeApply: ({ decoded, doc, origin }) => checkRecordUpdate(decoded, doc, origin.rights)
};
