/**
 * The SQLite metadata store: repositories, packages, their relations, provides and files, plus the folded text
 * that search scans, one database file per root. Each repository is replaced in one transaction, so readers (in
 * other processes too, through SQLite's rollback journal and locks) see either the old or the new metadata, never
 * a mixture.
 */
package dev.peerget.cache;
