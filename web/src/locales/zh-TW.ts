import type { MessageSchema } from './index';

const messages: MessageSchema = {
  app: { title: 'Kehu 客戶關係管理', short: 'Kehu' },
  lang: { zhCN: '简体中文', zhTW: '繁體中文', en: 'English', label: '語言' },
  common: {
    ok: '確定', cancel: '取消', save: '儲存', edit: '編輯', delete: '刪除', create: '新增',
    export: '匯出', refresh: '重新整理', search: '搜尋', reset: '重設', close: '關閉', back: '返回',
    yes: '是', no: '否', loading: '載入中…', noData: '暫無資料', actions: '操作', all: '全部',
    select: '請選擇', input: '請輸入', startDate: '開始日期', endDate: '結束日期', to: '至',
    min: '最小值', max: '最大值', comingSoon: '此功能即將推出', success: '操作成功', listSeparator: '、', retry: '重試',
  },
  duration: { seconds: '{n} 秒', minutes: '{n} 分鐘', minutesSeconds: '{m} 分 {s} 秒' },
  errors: {
    network: '無法連線伺服器，請檢查網路後重試',
    server: '伺服器發生錯誤（{status}），請稍後重試',
    forbidden: '沒有執行此操作的權限',
    notFound: '記錄不存在或無權檢視',
    unknown: '操作失敗（{code}）',
    sessionExpired: '登入已逾時，請重新登入',
    loadFailed: '載入失敗：{message}',
  },
  login: {
    title: '登入',
    subtitle: '客戶、聯絡人與跟進，一處管理',
    username: '使用者名稱',
    password: '密碼',
    submit: '登入',
    usernameRequired: '請輸入使用者名稱',
    passwordRequired: '請輸入密碼',
    invalidCredentials: '使用者名稱或密碼錯誤',
    tooManyAttempts: '登入失敗次數過多，請在 {wait} 後重試',
    tooManyAttemptsNoWait: '登入失敗次數過多，請稍後重試',
  },
  menu: { home: '工作台', recycleBin: '資源回收筒', system: '系統管理', menu: '選單' },
  modules: {
    customers: '客戶管理', sales: '銷售管理', orders: '訂單合約', service: '客戶服務',
    documents: '文件', organization: '組織架構', other: '其他',
  },
  roles: { admin: '系統管理員', executive: '決策層', supervisor: '主管', sales_rep: '業務員' },
  layout: {
    collapse: '收合選單', expand: '展開選單', notifications: '通知', noNotifications: '暫無新通知',
    profile: '個人資料', changePassword: '變更密碼', logout: '登出', loggedOut: '已登出',
    statusUser: '目前使用者：{name}', statusRole: '角色：{role}', statusModule: '模組：{module}',
  },
  search: {
    placeholder: '搜尋客戶、聯絡人…', noResults: '找不到符合的記錄', searching: '搜尋中…',
    hint: '↑↓ 選擇，Enter 開啟，Esc 關閉',
  },
  home: {
    welcome: '歡迎回來，{name}', placeholder: '工作台建置中，這裡將顯示待辦、提醒與業績概覽。',
    quickLinks: '常用入口',
  },
  breadcrumb: { new: '新增', edit: '編輯', detail: '詳情' },
  list: {
    scene: '場景', sceneAll: '全部', sceneMine: '我負責的', quickSearch: '搜尋關鍵字',
    moreFilters: '更多篩選', lessFilters: '收合篩選', columns: '欄位設定', resetColumns: '恢復預設',
    selected: '已選取 {n} 項', clearSelection: '取消選取', batchDelete: '批次刪除',
    exportSelected: '匯出選取', exportCsv: '匯出 CSV', exportXlsx: '匯出 Excel',
    empty: '暫無資料', emptyFiltered: '沒有符合條件的記錄',
    deleteConfirm: '確定刪除選取的 {n} 筆記錄嗎？刪除後可在資源回收筒還原。',
    deleted: '已刪除 {n} 筆記錄', deletePartial: '{ok} 筆已刪除，{failed} 筆失敗',
  },
  form: {
    createTitle: '新增{entity}', editTitle: '編輯{entity}',
    required: '{field}不能為空', tooLong: '{field}最多 {max} 個字元',
    invalidEmail: '請輸入有效的電子郵件地址', invalidPhone: '請輸入有效的手機、市話或 400 號碼',
    invalidUrl: '請輸入以 http:// 或 https:// 開頭的網址',
    saved: '儲存成功', created: '新增成功', fixErrors: '請修正標示的欄位', noChanges: '沒有需要儲存的變更',
    conflictTitle: '記錄已被他人修改',
    conflictMessage: '在您編輯期間，此記錄已被其他人儲存。您可以重新載入最新內容（放棄您的修改），或以您的修改覆蓋。',
    reload: '重新載入', overwrite: '覆蓋',
    confirmTitle: '請確認', confirmMessage: '下列欄位需確認後才能儲存：{fields}', confirmContinue: '仍然儲存',
    unsavedTitle: '未儲存的變更', unsavedMessage: '有未儲存的變更，確定離開嗎？', leave: '離開', stay: '留下',
    currency: '幣別', relationPlaceholder: '輸入關鍵字搜尋', amount: '金額',
  },
  validation: {
    required: '必填', too_long: '超出最大長度', invalid_email: '電子郵件格式不正確',
    invalid_phone: '電話格式不正確', invalid_url: '網址格式不正確', unique: '此值已存在',
    invalid: '格式不正確', checksum_mismatch: '檢查碼不正確', likely_duplicate: '可能與既有記錄重複',
    not_found: '關聯記錄不存在',
  },
  currency: { CNY: '人民幣', USD: '美元', EUR: '歐元', HKD: '港幣', TWD: '新台幣', JPY: '日圓' },
  detail: {
    basic: '基本資訊', system: '系統資訊', audit: '操作記錄', attachments: '附件',
    attachmentsPlaceholder: '附件功能即將推出',
    deleteConfirm: '確定刪除「{title}」嗎？刪除後可在資源回收筒還原。', deleted: '已刪除',
    backToList: '返回列表', newRelated: '新增{entity}',
  },
  audit: {
    action: {
      create: '新增', update: '修改', delete: '刪除', restore: '還原', purge: '永久刪除', login: '登入',
    },
    by: '{user} {action}', field: '欄位', from: '原值', to: '新值', empty: '暫無操作記錄',
  },
  recycle: {
    title: '資源回收筒', entity: '物件', deletedAt: '刪除時間', deletedBy: '刪除人',
    restore: '還原', purge: '永久刪除',
    purgeConfirm: '永久刪除後無法復原，確定刪除「{title}」嗎？', restored: '已還原', purged: '已永久刪除',
    forbidden: '只有管理員可以使用資源回收筒',
  },
  system: {
    id: 'ID', ownerId: '負責人', createdAt: '建立時間', updatedAt: '更新時間', createdById: '建立人',
    updatedById: '修改人', deletedAt: '刪除時間', deletedById: '刪除人',
  },
  notFound: { title: '頁面不存在', back: '返回工作台' },
};

export default messages;
