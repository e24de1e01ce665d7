<?php

/* The leak page: leak as the query says and answer with JSON (see lab/src/LeakPage.php). */

require_once __DIR__ . '/../src/LeakPage.php';

\MemoryLab\Lab\LeakPage::serveHttp($_GET);
