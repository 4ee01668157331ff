// Messages of the options pages (zh-TW). Keys must match the other languages' files.
export default {
  title: '選項清單',
  hint: '客戶類別、行業、企業性質、職務等下拉選項可在此維護。已使用的選項不能刪除，只能停用：停用後舊記錄仍顯示該選項，新輸入時不再提供。',
  empty: '沒有可維護的選項清單',
  add: '新增選項', order: '順序', up: '上移', down: '下移', state: '狀態',
  active: '啟用', retired: '停用', builtIn: '內建',
  label: { 'zh-CN': '簡體中文名稱', 'zh-TW': '繁體中文名稱', en: '英文名稱' },
  labelRequired: '必填', labelDefault: '留空則自動產生',
  saved: '選項已儲存', discardTitle: '放棄修改', discardConfirm: '目前清單有未儲存的修改，確定放棄嗎？',
  errors: {
    required: '必填', too_long: '不能超過 50 個字', duplicate_label: '與其他選項名稱重複', duplicate: '選項重複',
    unknown_option: '未知的選項', invalid_option_value: '選項代碼無效', wrong_type: '格式不正確', invalid_utf8: '包含無效字元',
    option_removed: '已有選項不能刪除，只能停用', no_active_option: '至少需要一個啟用的選項', too_many_options: '選項不能超過 200 個',
  },
};
