// Messages of the jobs pages (en). Keys must match the other languages' files.
export default {};
