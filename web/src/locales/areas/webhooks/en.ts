// Messages of the webhooks pages (en). Keys must match the other languages' files.
export default {};
