// Messages of the options pages (zh-CN). Keys must match the other languages' files.
export default {};
