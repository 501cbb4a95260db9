"""The REST API that ERP systems call: the app, dependencies, schemas, one router per resource."""
