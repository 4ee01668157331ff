import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import { i18n } from '@/locales';
import type { FieldMeta, RecordData } from '@/api/types';
import FieldInput from './field-input.vue';
import FieldValue from './field-value.vue';

const plugins = [createPinia(), i18n, ElementPlus];
const money: FieldMeta = { name: 'budget', type: 'money', labels: { 'zh-CN': '预算' } };
const region: FieldMeta = { name: 'region', type: 'region', labels: { 'zh-CN': '所在地区' } };
const record = (values: Record<string, unknown>): RecordData => ({ id: 1, version: 1, createdAt: '', updatedAt: '', ...values });

describe('money widget', () => {
  it('emits the API shape with two decimals and keeps the currency', async () => {
    const wrapper = mount(FieldInput, {
      props: { field: money, modelValue: { amount: '12.50', currency: 'USD' } },
      global: { plugins },
    });
    const input = wrapper.find('.amount input');
    expect((input.element as HTMLInputElement).value).toBe('12.50');
    await input.setValue('1234.5');
    await input.trigger('change');
    const emitted = wrapper.emitted('update:modelValue') ?? [];
    expect(emitted.at(-1)).toEqual([{ amount: '1234.50', currency: 'USD' }]);
  });

  it('clears to null', async () => {
    const wrapper = mount(FieldInput, { props: { field: money, modelValue: { amount: '5.00', currency: 'CNY' } }, global: { plugins } });
    const input = wrapper.find('.amount input');
    await input.setValue('');
    await input.trigger('change');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([null]);
  });

  it('is shown as currency in detail and list cells', () => {
    const wrapper = mount(FieldValue, { props: { field: money, record: record({ budget: { amount: '1234.50', currency: 'CNY' } }) }, global: { plugins } });
    expect(wrapper.text()).toBe('¥1,234.50');
  });
});

describe('region widget', () => {
  it('shows the names without 市辖区', () => {
    const wrapper = mount(FieldValue, {
      props: { field: region, record: record({ region: { code: '110105', names: ['北京市', '市辖区', '朝阳区'] } }) },
      global: { plugins },
    });
    expect(wrapper.text()).toBe('北京市 / 朝阳区');
  });

  it('edits through a cascader with 6-digit codes and sends only the code', async () => {
    const wrapper = mount(FieldInput, { props: { field: region, modelValue: null }, global: { plugins } });
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    const cascader = wrapper.findComponent({ name: 'ElCascader' });
    expect(cascader.exists()).toBe(true);
    const options = cascader.props('options') as { value: string; label: string }[];
    expect(options.find((o) => o.label === '北京市')?.value).toBe('110000');
    cascader.vm.$emit('update:modelValue', '440305');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([{ code: '440305' }]);
    cascader.vm.$emit('update:modelValue', null);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([null]);
  });
});
