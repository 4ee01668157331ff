import { reactive, readonly } from 'vue';
import {
  eventsUrl,
  fetchUnreadCount,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type AppNotification,
  type NotificationEvent,
} from '@/api/notifications';

/** The part of EventSource the feed uses (a test double can stand in). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}

export interface NotificationFeedDeps {
  openSource: (url: string) => EventSourceLike;
  list: () => Promise<{ items: AppNotification[]; unreadCount: number }>;
  unreadCount: () => Promise<number>;
  markRead: (id: number) => Promise<{ unreadCount: number; readAt: string | null }>;
  markAllRead: () => Promise<{ unreadCount: number }>;
  /** Shown for each notification that arrives live (not for the ones fetched or replayed). */
  toast: (n: AppNotification) => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

export const RECENT_LIMIT = 10;
const CLOSED = 2; // EventSource.CLOSED
const MAX_BACKOFF_MS = 60_000;

export interface NotificationFeedState {
  unreadCount: number;
  /** The newest notifications, newest first (at most RECENT_LIMIT). */
  recent: AppNotification[];
  connected: boolean;
  loading: boolean;
}

/**
 * The app's one live notification feed: fetches the newest notifications and the unread count,
 * keeps an EventSource on /api/v1/events and applies each event. The browser reconnects a dropped
 * stream on its own (sending Last-Event-ID); when the server refused it (401/429/503) the feed
 * retries with backoff. Every (re)connect refetches, so nothing missed stays missing.
 */
export function createNotificationFeed(deps: NotificationFeedDeps) {
  const state = reactive<NotificationFeedState>({ unreadCount: 0, recent: [], connected: false, loading: false });
  let source: EventSourceLike | null = null;
  let lang = 'zh-CN';
  let started = false;
  let lastEventId = 0;
  /** Ids at or below this were known when we last fetched: no toast for them. */
  let knownUpTo = 0;
  let retryTimer: unknown = null;
  let backoff = 2000;

  async function refresh(): Promise<void> {
    state.loading = true;
    try {
      const page = await deps.list();
      state.recent = page.items.slice(0, RECENT_LIMIT);
      state.unreadCount = page.unreadCount;
      knownUpTo = Math.max(knownUpTo, ...page.items.map((n) => n.id), 0);
      lastEventId = Math.max(lastEventId, knownUpTo);
    } catch {
      // The bell keeps what it has; a 401 is handled by the client's unauthorized hook.
    } finally {
      state.loading = false;
    }
  }

  function apply(event: NotificationEvent): void {
    const { unreadCount, ...n } = event;
    lastEventId = Math.max(lastEventId, n.id);
    if (typeof unreadCount === 'number') state.unreadCount = unreadCount;
    if (state.recent.some((r) => r.id === n.id)) return;
    state.recent = [n, ...state.recent].sort((a, b) => b.id - a.id).slice(0, RECENT_LIMIT);
    if (n.id > knownUpTo) {
      knownUpTo = n.id;
      deps.toast(n);
    }
  }

  function onMessage(ev: MessageEvent): void {
    try {
      const data = JSON.parse(String(ev.data)) as NotificationEvent;
      if (data && typeof data.id === 'number') apply(data);
    } catch {
      // A malformed event is skipped; the next refetch repairs the state.
    }
  }

  function connect(): void {
    retryTimer = null;
    if (!started) return;
    const s = deps.openSource(eventsUrl(lang, lastEventId));
    source = s;
    s.addEventListener('notification', onMessage);
    s.onopen = () => {
      if (source !== s) return;
      state.connected = true;
      backoff = 2000;
      void refresh();
    };
    s.onerror = () => {
      if (source !== s) return;
      state.connected = false;
      if (s.readyState !== CLOSED) return; // the browser retries by itself
      s.close();
      source = null;
      retryTimer = deps.setTimer(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  }

  function disconnect(): void {
    if (retryTimer !== null) deps.clearTimer(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
    state.connected = false;
  }

  return {
    state: readonly(state),
    refresh,
    /** Opens the stream (idempotent); `language` is the UI's, for the texts of pushed events. */
    start(language: string): void {
      if (started && language === lang) return;
      lang = language;
      disconnect();
      started = true;
      void refresh();
      connect();
    },
    /** Closes the stream and forgets everything (logout). */
    stop(): void {
      started = false;
      disconnect();
      state.unreadCount = 0;
      state.recent = [];
      lastEventId = 0;
      knownUpTo = 0;
    },
    async markRead(id: number): Promise<void> {
      const res = await deps.markRead(id);
      state.unreadCount = res.unreadCount;
      state.recent = state.recent.map((n) => (n.id === id ? { ...n, readAt: res.readAt ?? n.readAt } : n));
    },
    async markAllRead(): Promise<void> {
      const res = await deps.markAllRead();
      state.unreadCount = res.unreadCount;
      const now = new Date().toISOString();
      state.recent = state.recent.map((n) => (n.readAt ? n : { ...n, readAt: now }));
    },
    /** The count alone (e.g. after the list page changed things). */
    async refreshCount(): Promise<void> {
      try {
        state.unreadCount = await deps.unreadCount();
      } catch {
        // Keep the old count.
      }
    },
  };
}

export type NotificationFeed = ReturnType<typeof createNotificationFeed>;

let feed: NotificationFeed | null = null;
let toastHandler: (n: AppNotification) => void = () => undefined;

/** The app-wide feed (one EventSource for the whole app). `toast` replaces how new ones are shown. */
export function useNotifications(toast?: (n: AppNotification) => void): NotificationFeed {
  if (toast) toastHandler = toast;
  if (!feed) {
    feed = createNotificationFeed({
      openSource: (url) => new EventSource(url, { withCredentials: true }),
      list: () => listNotifications({ pageSize: RECENT_LIMIT }),
      unreadCount: fetchUnreadCount,
      markRead: markNotificationRead,
      markAllRead: markAllNotificationsRead,
      toast: (n) => toastHandler(n),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
  }
  return feed;
}

/** Closes the app's stream, if open: called before logging out, so the server never ends it first. */
export function stopNotifications(): void {
  feed?.stop();
}

/** "刚刚" / "5 分钟前" / "3 days ago" in the UI language. */
export function relativeTime(iso: string, locale: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((at - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3600], ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}
