# Models of the search app live here.
