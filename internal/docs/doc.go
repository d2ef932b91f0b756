// Package docs holds only a test: every Markdown file that a file of the
// repository names (a comment's "see docs/MODEL.md", a link in a README)
// exists in the repository, so no reference points at a document that a
// reader cannot open. A name is looked up beside the file that names it
// and at the top of the repository; web addresses are not checked.
package docs
