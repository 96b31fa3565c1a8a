// Customer × year facts with each customer's segment in every scheme: the segment pages' drill-down.
import {customerYears} from "../../loaders/reports/customer-years.js";
import {runArrowLoader} from "../../loaders/warehouse.js";

await runArrowLoader((db) => customerYears(db));
