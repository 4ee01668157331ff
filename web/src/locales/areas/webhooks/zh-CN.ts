// Messages of the webhooks pages (zh-CN). Keys must match the other languages' files.
export default {};
