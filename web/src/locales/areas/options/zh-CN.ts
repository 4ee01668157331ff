// Messages of the options pages (zh-CN). Keys must match the other languages' files.
export default {
  title: '选项列表',
  hint: '客户类别、行业、企业性质、职务等下拉选项可在此维护。已使用的选项不能删除，只能停用：停用后老记录仍显示该选项，新录入时不再提供。',
  empty: '没有可维护的选项列表',
  add: '新增选项', order: '顺序', up: '上移', down: '下移', state: '状态',
  active: '启用', retired: '停用', builtIn: '内置',
  label: { 'zh-CN': '简体中文名称', 'zh-TW': '繁體中文名稱', en: '英文名称' },
  labelRequired: '必填', labelDefault: '留空则自动生成',
  saved: '选项已保存', discardTitle: '放弃修改', discardConfirm: '当前列表有未保存的修改，确定放弃吗？',
  errors: {
    required: '必填', too_long: '不能超过 50 个字', duplicate_label: '与其他选项名称重复', duplicate: '选项重复',
    unknown_option: '未知的选项', invalid_option_value: '选项代码无效', wrong_type: '格式不正确', invalid_utf8: '包含无效字符',
    option_removed: '已有选项不能删除，只能停用', no_active_option: '至少需要一个启用的选项', too_many_options: '选项不能超过 200 个',
  },
};
