// Private-label account profiles joined with behaviour, and their yearly trend, for the account cards.
import {accounts} from "../../loaders/reports/accounts.js";
import {runJsonLoader} from "../../loaders/warehouse.js";

await runJsonLoader((db) => accounts(db));
