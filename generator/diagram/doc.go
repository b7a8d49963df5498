// Package diagram owns the Mermaid diagrams of documents: the fenced code blocks whose
// language is mermaid, as GitHub and GitLab render them. It finds them in a document,
// reads their titles, and names the image that stands for each one in a PDF pack:
//
//  1. the PNG a "%% image: FILE.png" comment in the diagram names (relative to the
//     document, as Markdown images are);
//  2. else the PNG beside the document named after it and the diagram's number, such as
//     content/policies/access.diagram-1.png for the first diagram of
//     content/policies/access.md;
//  3. else the PNG that ismsgen diagrams rendered into the cache,
//     .ismsgen/diagrams/<SHA-256 of the diagram source>.png.
//
// The site draws diagrams in the browser with the Mermaid build in the theme; PDF packs
// cannot run Mermaid, so they show the image, or a placeholder that names the diagram
// and where it is on the intranet.
package diagram
