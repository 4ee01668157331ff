// Messages of the options pages (en). Keys must match the other languages' files.
export default {
  title: 'Option lists',
  hint: 'Maintain the choices of customer category, industry, company nature, position and similar fields. Options in use cannot be deleted, only retired: old records keep showing them, new input no longer offers them.',
  empty: 'No editable option lists',
  add: 'Add option', order: 'Order', up: 'Move up', down: 'Move down', state: 'State',
  active: 'Active', retired: 'Retired', builtIn: 'Built-in',
  label: { 'zh-CN': 'Simplified Chinese', 'zh-TW': 'Traditional Chinese', en: 'English' },
  labelRequired: 'Required', labelDefault: 'Filled in when left empty',
  saved: 'Options saved', discardTitle: 'Discard changes', discardConfirm: 'This list has unsaved changes. Discard them?',
  errors: {
    required: 'Required', too_long: 'At most 50 characters', duplicate_label: 'Same name as another option', duplicate: 'Duplicate option',
    unknown_option: 'Unknown option', invalid_option_value: 'Invalid option code', wrong_type: 'Wrong format', invalid_utf8: 'Contains invalid characters',
    option_removed: 'Options in use cannot be deleted, only retired', no_active_option: 'At least one option must be active', too_many_options: 'At most 200 options',
  },
};
