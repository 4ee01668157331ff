import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';
import zhTW from './zh-TW';
import en from './en';

type Tree = { [key: string]: string | Tree };

function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`),
  );
}

const all = { 'zh-CN': zhCN, 'zh-TW': zhTW, en } as Record<string, Tree>;

describe('locale completeness', () => {
  const reference = new Set(leafKeys(all['zh-CN']));
  for (const [code, tree] of Object.entries(all)) {
    if (code === 'zh-CN') continue;
    it(`${code} has exactly the keys of zh-CN`, () => {
      const keys = new Set(leafKeys(tree));
      const missing = [...reference].filter((k) => !keys.has(k));
      const extra = [...keys].filter((k) => !reference.has(k));
      expect({ missing, extra }, `${code}: missing ${missing.join(', ')}; extra ${extra.join(', ')}`).toEqual({
        missing: [],
        extra: [],
      });
    });
  }

  it('has no empty messages', () => {
    for (const [code, tree] of Object.entries(all)) {
      const empty = leafKeys(tree).filter((k) => {
        const v = k.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part], tree);
        return typeof v !== 'string' || v.trim() === '';
      });
      expect(empty, `${code} empty: ${empty.join(', ')}`).toEqual([]);
    }
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    const lookup = (tree: Tree, key: string) => key.split('.').reduce<string | Tree>((n, p) => (n as Tree)[p], tree) as string;
    const mismatched = [...reference].filter((k) =>
      ['zh-TW', 'en'].some((code) => placeholders(lookup(all[code], k)) !== placeholders(lookup(all['zh-CN'], k))),
    );
    expect(mismatched).toEqual([]);
  });

  it('avoids characters vue-i18n treats as syntax', () => {
    const bad = Object.entries(all).flatMap(([code, tree]) =>
      leafKeys(tree)
        .filter((k) => /[@|$]/.test(k.split('.').reduce<string | Tree>((n, p) => (n as Tree)[p], tree) as string))
        .map((k) => `${code}:${k}`),
    );
    expect(bad).toEqual([]);
  });
});
