/** The page's connection to the sync endpoint: the stock y-websocket provider, its state as runes. */
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CloseCode, closeReason, type CloseReason } from './close-codes';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export function syncUrl(location: Location): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

export class RecordSync {
	readonly provider: WebsocketProvider;
	state = $state<ConnectionState>('connecting');
	/** True once the page has the server's state (after each reconnect). */
	synced = $state(false);
	/** Why the server last closed the connection (the page words it in the person's language); null when there is nothing to say. */
	reason = $state<CloseReason | null>(null);
	/** The close code that ended the connection for good, or 0 while it may still come back. */
	closedCode = $state(0);
	private wasConnected = false;
	private openedThisAttempt = false;
	private checkingGone = false;

	constructor(
		doc: Y.Doc,
		recordId: string,
		url = syncUrl(window.location),
		/** Where the page asks whether the record still exists when the socket cannot even open. */
		private readonly pageUrl = window.location.pathname
	) {
		// Offline from the start: the socket would only fail; the 'online' event connects it.
		this.provider = new WebsocketProvider(url, recordId, doc, { disableBc: true, connect: navigator.onLine });
		if (!navigator.onLine) this.state = 'offline';
		this.provider.on('status', this.onStatus);
		this.provider.on('sync', this.onSync);
		this.provider.on('connection-close', this.onClose);
		this.provider.on('closed', this.onClosed);
		window.addEventListener('online', this.onNetwork);
		window.addEventListener('offline', this.onNetwork);
	}

	destroy(): void {
		window.removeEventListener('online', this.onNetwork);
		window.removeEventListener('offline', this.onNetwork);
		this.provider.off('status', this.onStatus);
		this.provider.off('sync', this.onSync);
		this.provider.off('connection-close', this.onClose);
		this.provider.off('closed', this.onClosed);
		this.provider.destroy();
	}

	private readonly onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
		if (this.state === 'closed') return;
		if (status === 'connected') {
			this.wasConnected = true;
			this.openedThisAttempt = true;
			this.state = 'connected';
			this.reason = null;
		} else if (!navigator.onLine) this.state = 'offline';
		else this.state = this.wasConnected ? 'reconnecting' : 'connecting';
	};

	private readonly onSync = (synced: boolean) => {
		this.synced = synced;
	};

	private readonly onClose = (event: CloseEvent | null) => {
		if (event) this.reason = closeReason(event.code) ?? this.reason;
		const opened = this.openedThisAttempt;
		this.openedThisAttempt = false;
		// The upgrade was refused before any socket opened. A deleted record is refused that way
		// (404); without this check the provider would retry it for ever.
		if (!opened && navigator.onLine) void this.checkGone();
	};

	private async checkGone(): Promise<void> {
		if (this.checkingGone || this.state === 'closed') return;
		this.checkingGone = true;
		try {
			const res = await fetch(this.pageUrl, { method: 'HEAD', cache: 'no-store' });
			if (res.status === 404 || res.status === 410) this.onClosed({ code: CloseCode.recordGone });
		} catch {
			// Unreachable: the provider keeps retrying, which is right.
		} finally {
			this.checkingGone = false;
		}
	}

	/** The server said reconnecting cannot help (4400–4499). */
	private readonly onClosed = ({ code }: { code: number }) => {
		if (this.state === 'closed') return;
		if (code === CloseCode.recordGone) this.provider.disconnect();
		this.state = 'closed';
		this.closedCode = code;
		this.reason = closeReason(code);
	};

	private readonly onNetwork = () => {
		if (this.state === 'closed') return;
		if (!navigator.onLine) {
			this.state = 'offline';
			// Nothing can be sent; the edits wait in the document and on this device.
			this.provider.disconnect();
		} else if (!this.provider.wsconnected) {
			this.state = 'reconnecting';
			// Come back at once instead of waiting out the back-off.
			this.provider.disconnect();
			this.provider.connect();
		}
	};
}
