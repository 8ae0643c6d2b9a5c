export interface Command {
	name: string;
	summary: string;
	help: string;
	/** Resolves to the process exit code. */
	run(args: string[]): Promise<number>;
}
