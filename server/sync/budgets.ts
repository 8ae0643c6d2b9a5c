/**
 * What one person may use of the sync server, over all their sockets at once and across
 * reconnects: a bucket of bytes received and a number of open sockets. Kept per person, not
 * per socket, so that opening more sockets or reconnecting buys nothing.
 */
import { TokenBucket, type Rate } from './rate-limit';

export class PersonBudget {
	/** Bytes received on any of the person's sockets. */
	readonly bytes: TokenBucket;
	sockets = 0;

	constructor(rate: Rate) {
		this.bytes = new TokenBucket(rate);
	}
}

export class PersonBudgets {
	private readonly people = new Map<string, PersonBudget>();
	private added = 0;

	constructor(
		private readonly bytes: Rate,
		readonly maxSockets: number
	) {}

	/** Takes one of the person's sockets; null when they have all of theirs open already. Give it back with release(). */
	take(userId: string): PersonBudget | null {
		let budget = this.people.get(userId);
		if (!budget) {
			if (++this.added % 1000 === 0) this.forgetIdle();
			this.people.set(userId, (budget = new PersonBudget(this.bytes)));
		}
		if (budget.sockets >= this.maxSockets) return null;
		budget.sockets++;
		return budget;
	}

	release(budget: PersonBudget): void {
		budget.sockets--;
	}

	/** People with no socket open and a full bucket are as good as new; the map keeps the others. */
	private forgetIdle(): void {
		for (const [id, b] of this.people) if (b.sockets === 0 && b.bytes.isFull()) this.people.delete(id);
	}
}
