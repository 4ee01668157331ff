import { describe, expect, it } from 'vitest';
import { blankOption, editableCopy, listsDiffer, moveOption, splitOptionErrors } from './option-lists';

const list = [
  { value: 'a', labels: { 'zh-CN': '甲' }, active: true },
  { value: 'b', labels: { 'zh-CN': '乙' }, active: true },
  { value: 'c', labels: { 'zh-CN': '丙' }, active: false },
];

describe('moveOption', () => {
  it('moves up and down and clamps at the ends', () => {
    expect(moveOption(list, 2, -1).map((o) => o.value)).toEqual(['a', 'c', 'b']);
    expect(moveOption(list, 0, 1).map((o) => o.value)).toEqual(['b', 'a', 'c']);
    expect(moveOption(list, 0, -1).map((o) => o.value)).toEqual(['a', 'b', 'c']);
    expect(moveOption(list, 2, 5).map((o) => o.value)).toEqual(['a', 'b', 'c']);
  });
  it('never changes its input', () => {
    moveOption(list, 0, 1);
    expect(list.map((o) => o.value)).toEqual(['a', 'b', 'c']);
  });
});

describe('splitOptionErrors', () => {
  it('puts label and value errors on their rows and keeps list-level codes apart', () => {
    const { rows, list: listCode } = splitOptionErrors({
      'options[1].labels.zh-CN': 'duplicate_label',
      'options[3].value': 'unknown_option',
      'options[0]': 'wrong_type',
      options: 'option_removed',
    });
    expect(rows[1]).toEqual({ 'zh-CN': 'duplicate_label' });
    expect(rows[3]).toEqual({ value: 'unknown_option' });
    expect(rows[0]).toEqual({ row: 'wrong_type' });
    expect(listCode).toBe('option_removed');
  });
});

describe('listsDiffer', () => {
  it('sees order, label and state changes but not missing vs empty languages', () => {
    const copy = editableCopy(list);
    expect(listsDiffer(list, copy)).toBe(false);
    expect(listsDiffer(list, moveOption(copy, 0, 1))).toBe(true);
    copy[2].active = true;
    expect(listsDiffer(list, copy)).toBe(true);
    expect(listsDiffer(list, [...editableCopy(list), blankOption()])).toBe(true);
  });
});
