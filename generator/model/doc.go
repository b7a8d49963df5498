// Package model owns the data model of an ISMS: the documents, catalogue controls, SoA
// rows, risks, treatment actions and evidence records that load produces, resolve links
// and every renderer reads. It holds types and small derived values only; it reads no
// files and renders nothing.
package model
