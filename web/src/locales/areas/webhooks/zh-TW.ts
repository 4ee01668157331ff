// Messages of the webhooks pages (zh-TW). Keys must match the other languages' files.
export default {};
