// `npm install` runs this (postinstall): the offline migration generator's own dependencies are
// fetched while the registry is reachable, so the tests that diff migrations against the schema
// never need the network later.
import { ensureInstalled } from "./install";

ensureInstalled();
