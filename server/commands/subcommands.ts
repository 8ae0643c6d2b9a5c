import type { Sql } from '../../src/lib/server/db/sql';
import type { Command } from './command';
import { announceEndedSessions } from './ended-sessions';
import { openConfiguredSql } from './open-db';

/** A mistake in how the command was called: exit 2, with a pointer to its help. */
export class UsageError extends Error {}

/** The person stopped the command at a prompt (Ctrl-C): exit 130, as a shell reports SIGINT. */
export class Interrupted extends Error {}

export type Subcommand = (sql: Sql, args: string[]) => Promise<void>;

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * A command made of subcommands on the configured database (`samla user add`, `samla token
 * list`…): picks the subcommand, opens the database once and closes it after, and maps what
 * went wrong to an exit code — a usage mistake 2, a refusal (an error of one of `refusals`,
 * the domain's own "no such user" kind) 1 with its message alone, an interruption 130.
 * Anything else is a fault and is thrown.
 */
export function subcommandsCommand(spec: {
	name: string;
	summary: string;
	help: string;
	subcommands: Record<string, Subcommand>;
	refusals: ErrorClass[];
	/** The subcommands that may end sessions, which the running servers must hear of (ended-sessions.ts); the others never touch Redis. */
	endsSessions?: string[];
}): Command {
	const { name, help, subcommands, refusals } = spec;
	return {
		name,
		summary: spec.summary,
		help,
		async run(args) {
			const [sub, ...rest] = args;
			const handler = sub && Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined;
			if (!handler) {
				console.error(`samla ${name}: ${sub ? `unknown subcommand "${sub}"` : 'name a subcommand'}\n\n${help}`);
				return 2;
			}
			const { sql, close } = await openConfiguredSql();
			const announcer = spec.endsSessions?.includes(sub) ? await announceEndedSessions(name) : null;
			try {
				await handler(sql, rest);
				return 0;
			} catch (err) {
				if (err instanceof UsageError) {
					console.error(`samla ${name} ${sub}: ${err.message}\nRun "samla ${name} --help" for the options.`);
					return 2;
				}
				if (refusals.some((refusal) => err instanceof refusal)) {
					console.error(`samla ${name} ${sub}: ${(err as Error).message}`);
					return 1;
				}
				if (err instanceof Interrupted) return 130;
				throw err;
			} finally {
				await announcer?.close();
				await close();
			}
		}
	};
}
