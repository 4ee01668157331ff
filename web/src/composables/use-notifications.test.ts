import { describe, expect, it, vi } from 'vitest';
import { createNotificationFeed, relativeTime, type EventSourceLike, type NotificationFeedDeps } from './use-notifications';
import type { AppNotification } from '@/api/notifications';

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  private listeners = new Map<string, ((ev: MessageEvent) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(data: unknown): void {
    for (const l of this.listeners.get('notification') ?? []) l(new MessageEvent('notification', { data: JSON.stringify(data) }));
  }
  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

function note(id: number, extra: Partial<AppNotification> = {}): AppNotification {
  return { id, kind: 'reminder', title: `t${id}`, body: '', entity: null, recordId: null, createdAt: '2026-01-05T00:00:00Z', readAt: null, ...extra };
}

function setup(listed: AppNotification[] = [], unread = listed.length) {
  const sources: FakeSource[] = [];
  const timers: (() => void)[] = [];
  const toast = vi.fn();
  const deps: NotificationFeedDeps = {
    openSource: (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    list: vi.fn(async () => ({ items: listed, unreadCount: unread })),
    unreadCount: vi.fn(async () => unread),
    markRead: vi.fn(async () => ({ unreadCount: unread - 1, readAt: '2026-01-05T01:00:00Z' })),
    markAllRead: vi.fn(async () => ({ unreadCount: 0 })),
    toast,
    setTimer: (fn) => timers.push(fn),
    clearTimer: vi.fn(),
  };
  const feed = createNotificationFeed(deps);
  return { feed, deps, sources, timers, toast };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('notification feed', () => {
  it('fetches on start, opens one stream in the UI language and is idempotent', async () => {
    const { feed, sources, deps } = setup([note(2), note(1)]);
    feed.start('zh-TW');
    feed.start('zh-TW');
    await flush();
    expect(sources).toHaveLength(1);
    expect(sources[0].url).toBe('/api/v1/events?lang=zh-TW'); // nothing seen yet: no replay
    expect(deps.list).toHaveBeenCalledTimes(1);
    expect(feed.state.unreadCount).toBe(2);
    expect(feed.state.recent.map((n) => n.id)).toEqual([2, 1]);
  });

  it('applies a live event: count from the event, newest first, toast once', async () => {
    const { feed, sources, toast } = setup([note(1)]);
    feed.start('zh-CN');
    await flush();
    sources[0].open();
    await flush();
    sources[0].emit({ ...note(5), unreadCount: 2 });
    sources[0].emit({ ...note(5), unreadCount: 2 }); // the same id again (replay): ignored
    expect(feed.state.unreadCount).toBe(2);
    expect(feed.state.recent.map((n) => n.id)).toEqual([5, 1]);
    expect(toast).toHaveBeenCalledTimes(1);
    expect(toast.mock.calls[0][0].id).toBe(5);
    expect(feed.state.connected).toBe(true);
  });

  it('does not toast what was already fetched and keeps at most ten', async () => {
    const listed = Array.from({ length: 10 }, (_, i) => note(20 - i));
    const { feed, sources, toast } = setup(listed);
    feed.start('zh-CN');
    await flush();
    sources[0].emit({ ...note(15), unreadCount: 10 });
    expect(toast).not.toHaveBeenCalled();
    sources[0].emit({ ...note(21), unreadCount: 11 });
    expect(feed.state.recent).toHaveLength(10);
    expect(feed.state.recent[0].id).toBe(21);
    expect(toast).toHaveBeenCalledTimes(1);
  });

  it('refetches on every (re)connect and retries with backoff when the server refused the stream', async () => {
    const { feed, sources, timers, deps } = setup([note(3)]);
    feed.start('en');
    await flush();
    sources[0].open();
    await flush();
    expect(deps.list).toHaveBeenCalledTimes(2);
    sources[0].fail(false); // dropped: the browser reconnects by itself
    expect(timers).toHaveLength(0);
    expect(feed.state.connected).toBe(false);
    sources[0].open();
    await flush();
    expect(deps.list).toHaveBeenCalledTimes(3);
    sources[0].fail(true); // refused (e.g. 429): we retry
    expect(sources[0].closed).toBe(true);
    expect(timers).toHaveLength(1);
    timers[0]();
    expect(sources).toHaveLength(2);
    expect(sources[1].url).toBe('/api/v1/events?lang=en&lastEventId=3');
  });

  it('mark read and read all update count and dots', async () => {
    const { feed } = setup([note(2), note(1)], 2);
    feed.start('zh-CN');
    await flush();
    await feed.markRead(2);
    expect(feed.state.unreadCount).toBe(1);
    expect(feed.state.recent.find((n) => n.id === 2)?.readAt).toBe('2026-01-05T01:00:00Z');
    await feed.markAllRead();
    expect(feed.state.unreadCount).toBe(0);
    expect(feed.state.recent.every((n) => n.readAt)).toBe(true);
  });

  it('stop (logout) closes the stream and forgets the state', async () => {
    const { feed, sources } = setup([note(1)]);
    feed.start('zh-CN');
    await flush();
    feed.stop();
    expect(sources[0].closed).toBe(true);
    expect(feed.state.unreadCount).toBe(0);
    expect(feed.state.recent).toHaveLength(0);
    sources[0].emit({ ...note(9), unreadCount: 1 }); // a late event from the closed stream
    feed.start('zh-CN');
    expect(sources).toHaveLength(2);
  });

  it('a language change reconnects in the new language', async () => {
    const { feed, sources } = setup();
    feed.start('zh-CN');
    feed.start('en');
    expect(sources[0].closed).toBe(true);
    expect(sources[1].url).toContain('lang=en');
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-01-05T12:00:00Z');
  it('speaks the UI language', () => {
    expect(relativeTime('2026-01-05T11:55:00Z', 'en', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-01-05T11:55:00Z', 'zh-CN', now)).toBe('5分钟前');
    expect(relativeTime('2026-01-03T12:00:00Z', 'en', now)).toBe('2 days ago');
    expect(relativeTime('bad', 'en', now)).toBe('');
  });
});
