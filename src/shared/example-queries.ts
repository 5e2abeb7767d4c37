// The sample queries GraphiQL opens with; the README and tests use the same documents.
export const EXAMPLE_QUERIES = {
  articlePage: `# Welcome to newsgraph. Press the ▶ button to run this query.
query ArticlePage {
  node(id: "QXJ0aWNsZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA") {
    id
  }
}
`,
};
