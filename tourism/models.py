# Models of the tourism app live here.
