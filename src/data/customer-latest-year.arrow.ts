// The customers of the headline year (the latest year of the data) with their facts and their segment in every
// scheme: customer-years.arrow's rows of that year, for a page that analyses the year.
import {latestYearCustomers} from "../../loaders/reports/customer-years.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db, warehouse) => latestYearCustomers(db, warehouse.settings));
