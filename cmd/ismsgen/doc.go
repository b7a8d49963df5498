// Command ismsgen compiles an ISO/IEC 27001 ISMS kept as Markdown and YAML into a
// cross-linked intranet site and signed PDF audit packs. This package is a thin layer
// over the pipeline in generator/: it parses flags, calls a stage and maps errors to
// exit statuses (1 for content errors, 2 for usage errors).
package main
