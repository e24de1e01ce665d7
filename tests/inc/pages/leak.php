<?php

/* The page every server serves: leak as the query says, answer with JSON (see handle_leak()). */

require_once __DIR__ . '/../handler.inc';

header('Content-Type: application/json');
echo json_encode(\MemoryLab\handle_leak($_GET)), "\n";
